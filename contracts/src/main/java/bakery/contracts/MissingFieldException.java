package bakery.contracts;

/** Thrown by an event's constructor when a required field is absent or empty. */
public class MissingFieldException extends IllegalArgumentException {

    private final String field;

    public MissingFieldException(String field) {
        super("missing required field '" + field + "'");
        this.field = field;
    }

    public String field() {
        return field;
    }
}
