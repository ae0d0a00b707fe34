package bakery.notify.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import bakery.defaults.Masked;

/**
 * Writes a letter with its template and hands it to the SMTP server through the reactive mailer.
 * SMTP failures are retried with exponential backoff; when the retries are used up the failure
 * says why, with the recipient's address masked.
 */
@ApplicationScoped
public class Postman {

    private static final Logger LOG = Logger.getLogger(Postman.class);

    @CheckedTemplate
    static class Templates {
        static native MailTemplateInstance ready(Letter letter);

        static native MailTemplateInstance rejected(Letter letter);

        static native MailTemplateInstance cancelled(Letter letter);
    }

    @Inject
    NotifyConfig config;

    public Uni<Void> deliver(Letter letter) {
        String to = Masked.email(letter.to());
        return Uni.createFrom().deferred(() -> template(letter).to(letter.to()).subject(letter.subject()).send())
                // a server that accepts the connection and then hangs counts as a failed attempt
                .ifNoItem().after(config.sendTimeout()).fail()
                .onFailure().invoke(e -> LOG.warnf("SMTP refused the %s e-mail of order %s to %s: %s",
                        letter.status(), letter.orderNumber(), to, Masked.emailIn(e.getMessage(), letter.to())))
                .onFailure().retry()
                .withBackOff(config.retry().initialBackoff(), config.retry().maxBackoff())
                .atMost(config.retry().retries())
                .onFailure().transform(e -> new MailNotSent(letter, e));
    }

    private static MailTemplateInstance template(Letter letter) {
        return switch (letter.status()) {
            case READY -> Templates.ready(letter);
            case REJECTED -> Templates.rejected(letter);
            case CANCELLED -> Templates.cancelled(letter);
            default -> throw new IllegalArgumentException("customers are not e-mailed about " + letter.status());
        };
    }

    /** The e-mail could not be sent after every retry; the message is safe to log and to put in a dead-letter header. */
    public static final class MailNotSent extends RuntimeException {
        MailNotSent(Letter letter, Throwable last) {
            super("could not send the " + letter.status() + " e-mail of order " + letter.orderNumber() + " to "
                    + Masked.email(letter.to()) + ": " + Masked.emailIn(String.valueOf(last.getMessage()), letter.to()));
        }
    }
}
