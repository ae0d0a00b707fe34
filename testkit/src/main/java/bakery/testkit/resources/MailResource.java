package bakery.testkit.resources;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import bakery.testkit.MailServer;

/** Points the app's mailer at the test JVM's real SMTP server instead of the mailer's mock. */
public class MailResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        MailServer mail = MailServer.shared();
        return Map.of(
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "localhost",
                "quarkus.mailer.port", Integer.toString(mail.port()),
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.tls", "false");
    }

    @Override
    public void stop() {
        // shared by every test in the JVM; stopped at JVM exit
    }
}
