package bakery.stack.cli;

/** Something the person at the terminal can fix; printed as a message, without a stack trace. */
final class StackException extends RuntimeException {

    StackException(String message) {
        super(message);
    }

    StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
