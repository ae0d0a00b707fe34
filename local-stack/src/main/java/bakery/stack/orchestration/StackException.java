package bakery.stack.orchestration;

/** Something the person at the terminal can fix; printed as a message, without a stack trace. */
public final class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
