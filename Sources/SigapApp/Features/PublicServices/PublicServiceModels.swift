import Fluent
import Foundation
import SigapCore

/// A public service an agency (or a desa office) offers online: what to fill in, what to upload, how long it
/// takes, what it costs and on what legal basis.
final class PublicService: Model, @unchecked Sendable {
    static let schema = "public_services"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "agency_id") var agencyID: UUID
    @OptionalField(key: "desa_id") var desaID: UUID?
    @Field(key: "description") var description: String
    /// Who may apply, in words.
    @Field(key: "eligibility") var eligibility: String
    @Field(key: "fields_json") var fieldsJSON: String
    @Field(key: "requirements_json") var requirementsJSON: String
    /// The promised completion time in working days.
    @Field(key: "days") var days: Int
    /// In rupiah; shown, never collected here.
    @Field(key: "fee") var fee: Int64
    @Field(key: "legal_basis") var legalBasis: String
    @Field(key: "active") var active: Bool
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var fields: [ServiceForm.Field] {
        (try? JSONDecoder().decode([ServiceForm.Field].self, from: Data(fieldsJSON.utf8))) ?? []
    }

    var requirements: [ServiceForm.Requirement] {
        (try? JSONDecoder().decode([ServiceForm.Requirement].self, from: Data(requirementsJSON.utf8))) ?? []
    }
}

/// A citizen's application for a service: a draft until submitted, then the agency's to decide.
final class ServiceApplication: Model, @unchecked Sendable {
    static let schema = "service_applications"

    @ID(key: .id) var id: UUID?
    @Field(key: "number") var number: String
    @Field(key: "service_id") var serviceID: Int
    @Field(key: "agency_id") var agencyID: UUID
    /// Set for a desa office's service (copied from it): that desa's officers handle the application.
    @OptionalField(key: "desa_id") var desaID: UUID?
    @Field(key: "applicant_id") var applicantID: UUID
    /// The pendamping who applied for the citizen (`applications_assisted_by_idx`); they act for the applicant.
    @OptionalField(key: "assisted_by_id") var assistedByID: UUID?
    @Field(key: "status") var status: ApplicationStatus
    @Field(key: "values_cipher") var valuesCipher: String
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @OptionalField(key: "due_at") var dueAt: Date?
    /// Working seconds left when a correction was asked (the clock stopped); nil while it runs.
    @OptionalField(key: "paused_remaining") var pausedRemaining: Double?
    /// When the deadline sweep looks at it next (`applications_check_idx`).
    @OptionalField(key: "check_at") var checkAt: Date?
    @Field(key: "late") var late: Bool
    /// 1: past the promised time, the agency's heads were told; 2: still open three working days later, the
    /// region's leadership was told.
    @Field(key: "escalation_level") var escalationLevel: Int
    @OptionalField(key: "finished_at") var finishedAt: Date?
    @OptionalField(key: "decision_note") var decisionNote: String?
    @OptionalField(key: "result_stored_name") var resultStoredName: String?
    /// SHA-256 of the result PDF, multibase: what its signed credential states.
    @OptionalField(key: "result_digest") var resultDigest: String?
    @OptionalField(key: "result_key_id") var resultKeyID: String?
    @OptionalField(key: "result_proof_created") var resultProofCreated: String?
    @OptionalField(key: "result_proof_value") var resultProofValue: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    /// The applicant, or the pendamping who applied for them: both fill the form, answer a correction and print
    /// the result.
    func actsAsApplicant(_ userID: UUID?) -> Bool {
        guard let userID else { return false }
        return applicantID == userID || assistedByID == userID
    }

    init() {}

    var subject: Subject { Subject(.application, number) }

    /// Who may work it: its agency's staff, or the desa office's officers for a desa service.
    var handling: Action { .handleApplications(agencyID: agencyID, desaID: desaID) }
}

/// A document uploaded for one of a service's requirements (every round is kept: a correction adds files).
final class ApplicationFile: Model, @unchecked Sendable {
    static let schema = "application_files"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "requirement_key") var requirementKey: String
    @Field(key: "stored_name") var storedName: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "byte_count") var byteCount: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// One answer to the satisfaction survey: nine scores and an optional profile, tied to nobody.
final class SurveyResponse: Model, @unchecked Sendable {
    static let schema = "survey_responses"

    enum Source: String, Codable, Sendable {
        case application = "permohonan"
        case report = "laporan"
        case kiosk
    }

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "agency_id") var agencyID: UUID
    @OptionalField(key: "service_id") var serviceID: Int?
    @Field(key: "source") var source: Source
    @OptionalField(key: "once_key") var onceKey: String?
    @Field(key: "u1") var u1: Int
    @Field(key: "u2") var u2: Int
    @Field(key: "u3") var u3: Int
    @Field(key: "u4") var u4: Int
    @Field(key: "u5") var u5: Int
    @Field(key: "u6") var u6: Int
    @Field(key: "u7") var u7: Int
    @Field(key: "u8") var u8: Int
    @Field(key: "u9") var u9: Int
    @OptionalField(key: "age") var age: Int?
    @OptionalField(key: "sex") var sex: String?
    @OptionalField(key: "education") var education: String?
    @OptionalField(key: "occupation") var occupation: String?
    @OptionalField(key: "comment") var comment: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var answer: SatisfactionSurvey.Answer? {
        let scores = [u1, u2, u3, u4, u5, u6, u7, u8, u9]
        return SatisfactionSurvey.Answer(
            Dictionary(uniqueKeysWithValues: zip(SatisfactionSurvey.Element.allCases, scores)))
    }
}
