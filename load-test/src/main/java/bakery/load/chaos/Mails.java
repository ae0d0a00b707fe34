package bakery.load.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import bakery.contracts.OrderStatus;

/**
 * The e-mails the bakery sent, read from the SMTP sink's folder of {@code .eml} files: which order
 * (the number customers quote) and which status each one was about.
 */
public final class Mails {

    private static final Pattern SUBJECT = Pattern.compile("^Subject: (.*)$", Pattern.MULTILINE);
    private static final Pattern NUMBER = Pattern.compile("order ([0-9A-F]{8})\\b");

    private Mails() {
    }

    /** One e-mail: the order number and the status it told the customer about. */
    public record Mail(String orderNumber, OrderStatus status) {
    }

    public static List<Mail> since(Path folder, Instant from) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Mail> mails = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".eml")).toList()) {
                if (Files.getLastModifiedTime(f).toInstant().isBefore(from)) {
                    continue;
                }
                parse(Files.readString(f)).ifPresent(mails::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mails in " + folder, e);
        }
        return mails;
    }

    static Optional<Mail> parse(String eml) {
        Matcher subject = SUBJECT.matcher(eml);
        if (!subject.find()) {
            return Optional.empty();
        }
        String text = subject.group(1);
        Matcher number = NUMBER.matcher(text);
        if (!number.find()) {
            return Optional.empty();
        }
        OrderStatus status = text.contains("is ready") ? OrderStatus.READY
                : text.contains("could not accept") ? OrderStatus.REJECTED
                        : text.contains("cancelled") ? OrderStatus.CANCELLED : null;
        return status == null ? Optional.empty() : Optional.of(new Mail(number.group(1), status));
    }
}
