package bakery.web;

import io.quarkus.qute.TemplateExtension;
import java.util.Locale;

/** Prices are integer cents everywhere; pages show euros: {@code {money:euros(p.priceCents)}}. */
@TemplateExtension(namespace = "money")
public class Money {

    static String euros(long cents) {
        return String.format(Locale.ROOT, "€%d.%02d", cents / 100, cents % 100);
    }
}
