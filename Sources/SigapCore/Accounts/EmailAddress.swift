import Foundation

/// A lower-cased e-mail address with a plausible shape. Deliverability is not checked here.
public struct EmailAddress: Hashable, Sendable {
    public let value: String

    public init?(_ raw: String) {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        // Printable ASCII without the characters that delimit addresses in mail headers and SMTP commands.
        guard text.count <= 254,
            text.unicodeScalars.allSatisfy({
                $0.value > 32 && $0.value < 127 && !"<>()[]\\,;:\"".unicodeScalars.contains($0)
            })
        else { return nil }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return nil }
        let domain = parts[1]
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }),
            labels.last!.count >= 2
        else { return nil }
        value = text
    }

    /// `bu***@example.id`: enough for its owner to recognise, not enough to read someone else's address.
    public var masked: String {
        let parts = value.split(separator: "@", maxSplits: 1)
        return String(parts[0].prefix(2)) + "***@" + parts[1]
    }
}

/// What a person typed in the "email or mobile number" field.
public enum ContactIdentifier: Hashable, Sendable {
    case email(EmailAddress)
    case phone(PhoneNumber)

    public init?(_ raw: String) {
        if raw.contains("@") {
            guard let email = EmailAddress(raw) else { return nil }
            self = .email(email)
        } else {
            guard let phone = PhoneNumber(raw) else { return nil }
            self = .phone(phone)
        }
    }

    public var masked: String {
        switch self {
        case .email(let email): email.masked
        case .phone(let phone): phone.masked
        }
    }

    /// The canonical text used for look-ups and throttling keys.
    public var canonical: String {
        switch self {
        case .email(let email): email.value
        case .phone(let phone): phone.digits
        }
    }
}
