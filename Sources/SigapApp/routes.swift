import Vapor

/// The route table. Each feature registers its routes through its own `RouteCollection`.
func routes(_ app: Application) throws {
    // Benchmark baseline: does nothing but answer, no session, no database.
    app.open("benchmark baseline, no data").get("healthz") { _ in "ok" }

    // Public pages
    try app.register(collection: HomeController())

    // Accounts: log-in, two-factor, registration, own account
    try app.register(collection: LoginController())
    try app.register(collection: TwoFactorController())
    try app.register(collection: RegistrationController())
    try app.register(collection: AccountController())
    try app.register(collection: PrivacyController())
    try app.register(collection: ContactController())
    try app.register(collection: NotificationsController())
    try app.register(collection: PushController())
    try app.register(collection: AppController(resources: app.directory.resourcesDirectory))
    try app.register(collection: RegionBranding())
    try app.register(collection: AssistedController())
    try app.register(collection: PracticeController())
    try app.register(collection: GuidesController())
    try app.register(collection: LeafletController())

    // Reports: filing, public pages, the reporter's forms, staff queue and actions
    try app.register(collection: ReportFormController())
    try app.register(collection: ReportPagesController())
    try app.register(collection: StaffReportsController())

    // Reports: JSON API, photos
    try app.register(collection: TokensController())
    try app.register(collection: ReportsAPIController())
    try app.register(collection: PhotoController())
    try app.register(collection: SuggestionAPIController())

    // Chat channels: webhooks (each verifies its caller)
    try app.register(collection: TelegramWebhookController())
    try app.register(collection: WhatsAppWebhookController())

    // Whistleblowing: the anonymous channel, and the inspectorate's cases
    try app.register(collection: WBSReporterController())
    try app.register(collection: WBSInspectorateController())

    // Staff area (every collection guards itself with a policy)
    try app.register(collection: DashboardController())
    try app.register(collection: MusrenbangPublicController())
    try app.register(collection: MusrenbangAdminController())
    try app.register(collection: CatalogueAdminController())
    try app.register(collection: ProposalPagesController())
    try app.register(collection: SearchController())
    try app.register(collection: ForumController())
    try app.register(collection: ForumAPIController())
    try app.register(collection: Open311Controller())
    try app.register(collection: Open311KeysController())
    try app.register(collection: OpenDataController())
    try app.register(collection: PointsController())
    try app.register(collection: CertificateController())
    try app.register(collection: AwardsAdminController())
    try app.register(collection: ServicesController())
    try app.register(collection: ServicesAdminController())
    try app.register(collection: ApplicationsController())
    try app.register(collection: SurveyController())
    try app.register(collection: ReferenceAPIController())
    try app.register(collection: ForumModerationController())
    try app.register(collection: PortalController())
    try app.register(collection: PortalAdminController())
    try app.register(collection: DPRDController())
    try app.register(collection: DPRDAdminController())
    try app.register(collection: ProposalFormController())
    try app.register(collection: ProposalActionsController())
    try app.register(collection: ProposalQueueController())
    try app.register(collection: RegionsAdminController())
    try app.register(collection: AgenciesAdminController())
    try app.register(collection: CategoriesAdminController())
    try app.register(collection: StaffAdminController())
    try app.register(collection: AuditAdminController())
    try app.register(collection: DataRequestsAdminController())

    // Service levels: leadership dashboard, public transparency
    try app.register(collection: CalendarAdminController())
    try app.register(collection: MessagesAdminController())
    try app.register(collection: LeadershipController())
    try app.register(collection: TransparencyController())
}
