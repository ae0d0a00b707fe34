package bakery.defaults;

/**
 * The one JSON error body of every bakery service: what went wrong, which input field (if any),
 * and a sentence a person can act on.
 */
public record ErrorBody(String error, String field, String detail) {

    public static ErrorBody of(String error, String detail) {
        return new ErrorBody(error, null, detail);
    }
}
