import Vapor

extension Application {
    /// The channels this configuration turns on: chats and e-mail (in-app needs no sender).
    var channelSenders: [any ChannelSender] {
        var senders: [any ChannelSender] = []
        if let telegram = sigap.config.telegram {
            senders.append(TelegramSender(telegram: TelegramClient(settings: telegram, client: client)))
        }
        if let whatsapp = sigap.config.whatsapp {
            senders.append(WhatsAppSender(whatsapp: WhatsAppClient(settings: whatsapp, client: client), app: self))
        }
        senders.append(WebPushSender(app: self))
        if let smtp = sigap.config.smtp {
            senders.append(EmailSender(smtp: SMTPClient(settings: smtp, group: eventLoopGroup)))
        }
        return senders
    }

    /// One line per outside channel, for the start-up log: which are on, which are off and why.
    var channelStatus: [String] {
        [
            sigap.config.telegram == nil
                ? "Telegram: off (set SIGAP_TELEGRAM_TOKEN and SIGAP_TELEGRAM_WEBHOOK_SECRET to turn it on)"
                : "Telegram: on",
            sigap.config.whatsapp == nil
                ? "WhatsApp: off (set SIGAP_WHATSAPP_TOKEN, SIGAP_WHATSAPP_PHONE_NUMBER_ID, SIGAP_WHATSAPP_APP_SECRET and SIGAP_WHATSAPP_VERIFY_TOKEN to turn it on)"
                : "WhatsApp: on",
            sigap.config.smtp == nil
                ? "E-mail: off (set SIGAP_SMTP_HOST and SIGAP_SMTP_FROM to turn it on)"
                : "E-mail: on (\(sigap.config.smtp!.host):\(sigap.config.smtp!.port), \(sigap.config.smtp!.security.rawValue))",
            "Web Push: on (push services: \(sigap.config.push.services.joined(separator: ", ")))",
        ]
    }
}
