package bakery.stack.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import bakery.servers.mail.MailSink;
import bakery.servers.process.NodeLauncher;
import bakery.servers.process.SimpleLogging;
import bakery.stack.process.StackLayout;
import bakery.stack.process.StackProcesses;
import bakery.stack.process.StackSettings;

/** The stack's SMTP sink ({@link MailSink}) as its own small JVM, writing every mail under {@code .bakery/mail/}. */
public final class MailSinkNode {

    private MailSinkNode() {
    }

    public static Process launch(StackLayout layout, StackSettings settings) {
        List<String> command = new ArrayList<>();
        command.add(NodeLauncher.java());
        command.addAll(settings.words("smtp.java-options"));
        command.addAll(SimpleLogging.jvmOptions());
        command.addAll(List.of("-cp", layout.stackJar().toString(), MailSink.class.getName(),
                Integer.toString(settings.port("smtp")), layout.mail().toString()));
        return StackProcesses.launch(command, Map.of(), layout.log("smtp"), layout.mail());
    }
}
