package bakery.notify.mail;

/** An e-mail address as logs and dead-letter reasons may show it: enough to tell two apart, not enough to write to. */
public final class MaskedAddress {

    private MaskedAddress() {
    }

    /** {@code jane.doe@example.org} becomes {@code j***@example.org}. */
    public static String of(String address) {
        if (address == null || address.isBlank()) {
            return "(none)";
        }
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return address.charAt(0) + "***" + address.substring(at);
    }

    /** The text with every occurrence of the address masked, e.g. an SMTP server's error that quotes the recipient. */
    public static String in(String text, String address) {
        if (text == null || address == null || address.isBlank()) {
            return text;
        }
        return text.replace(address, of(address));
    }
}
