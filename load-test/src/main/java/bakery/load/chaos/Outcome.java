package bakery.load.chaos;

/** How one request of the steady load ended, as a customer would see it. */
public enum Outcome {
    OK,
    /** 503: the bakery said clearly it cannot do it now. */
    UNAVAILABLE,
    /** Any other 4xx: the request was refused. */
    REFUSED,
    /** 500, 502, 504 ...: a failure that does not say what happened. */
    SERVER_ERROR,
    /** No answer at all (connection refused or reset, timeout). */
    NO_ANSWER;

    public static Outcome of(int status) {
        // 3xx: a form's answer sends the browser on to the next page (the board after a pick-up).
        if (status >= 200 && status < 400) {
            return OK;
        }
        if (status == 503) {
            return UNAVAILABLE;
        }
        return status >= 500 ? SERVER_ERROR : REFUSED;
    }
}
