package vn.hotline1022.intake.sms;

import vn.hotline1022.commons.web.XmlText;

/** The answer a Twilio-format gateway texts back to the sender: {@code <Response><Message>…</Message></Response>}. */
final class TwiML {

    private TwiML() {
    }

    static String message(String text) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>" + XmlText.escape(text)
                + "</Message></Response>";
    }
}
