import Vapor

extension Application {
    /// The chat channels this configuration turns on (in-app needs no sender).
    var channelSenders: [any ChannelSender] {
        var senders: [any ChannelSender] = []
        if let telegram = sigap.config.telegram {
            senders.append(TelegramSender(telegram: TelegramClient(settings: telegram, client: client)))
        }
        if let whatsapp = sigap.config.whatsapp {
            senders.append(WhatsAppSender(whatsapp: WhatsAppClient(settings: whatsapp, client: client), app: self))
        }
        return senders
    }

    /// One line per chat channel, for the start-up log: which are on, which are off and why.
    var channelStatus: [String] {
        [
            sigap.config.telegram == nil
                ? "Telegram: off (set SIGAP_TELEGRAM_TOKEN and SIGAP_TELEGRAM_WEBHOOK_SECRET to turn it on)"
                : "Telegram: on",
            sigap.config.whatsapp == nil
                ? "WhatsApp: off (set SIGAP_WHATSAPP_TOKEN, SIGAP_WHATSAPP_PHONE_NUMBER_ID, SIGAP_WHATSAPP_APP_SECRET and SIGAP_WHATSAPP_VERIFY_TOKEN to turn it on)"
                : "WhatsApp: on",
        ]
    }
}
