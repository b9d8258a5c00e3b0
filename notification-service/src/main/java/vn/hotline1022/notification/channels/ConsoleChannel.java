package vn.hotline1022.notification.channels;

import org.jboss.logging.Logger;

/** For local runs without a gateway: the notice goes to the log, with the phone number masked. */
public class ConsoleChannel implements NoticeChannel {

    private static final Logger LOG = Logger.getLogger(ConsoleChannel.class);

    @Override
    public String name() {
        return "CONSOLE";
    }

    @Override
    public String send(OutgoingNotice notice) {
        LOG.infof("Notice for case %s to %s: %s", notice.caseCode(), notice.maskedRecipient(),
                notice.loggableText());
        return null;
    }
}
