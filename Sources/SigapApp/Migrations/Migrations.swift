import Fluent

/// Every migration, in the order it runs. A shipped migration is never edited; add a new one at the end.
enum Migrations {
    static let all: [any Migration] = [
        CreateKecamatan(),
        CreateDesa(),
        CreateAgencies(),
        CreateCategories(),
        CreateUsers(),
        CreateRecoveryCodes(),
        CreateWebSessions(),
        CreateLoginFailures(),
        CreateAuditEvents(),
        CreateReports(),
        CreateReportEvents(),
        CreateReportPhotosAndSupports(),
        CreateOutboxMessages(),
        CreateAPITokens(),
        AddServiceLevels(),
        AddNotificationDelivery(),
        CreateWBS(),
        GeneraliseSubjects(),
        AddTokenRevocation(),
        AddChatInbound(),
        AddContactVerification(),
        AddReportPublication(),
        CreateMusrenbangCycles(),
        CreateProposalCatalogue(),
        CreateProposals(),
        CreateSearchIndex(),
        CreateForum(),
        CreatePortal(),
        CreateDPRD(),
        AddCouncilMemberPhotos(),
        AddPortalWithdrawal(),
        CreateRecognition(),
    ]
}
