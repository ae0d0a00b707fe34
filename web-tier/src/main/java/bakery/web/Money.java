package bakery.web;

import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/** Prices are integer cents everywhere; pages show euros: {@code {money:euros(p.priceCents)}}. */
@TemplateExtension(namespace = "money")
public class Money {

    static String euros(long cents) {
        return String.format(Locale.ROOT, "€%d.%02d", cents / 100, cents % 100);
    }
}
