package bakery.contracts;

import java.util.List;

/** Field checks for the records' compact constructors; a failure names the field so a consumer can dead-letter it. */
final class Require {

    private Require() {
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new MissingFieldException(field);
        }
        return value;
    }

    static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new MissingFieldException(field);
        }
        return value;
    }

    static <T> List<T> list(List<T> value, String field) {
        return List.copyOf(present(value, field));
    }

    static int schema(int version) {
        if (version < 1) {
            throw new MissingFieldException("schemaVersion");
        }
        return version;
    }
}
