package bakery.stack.upgrade;

/**
 * Requests a node answered and how many of them were server errors (5xx), counted over the same
 * window for the new node and for the old nodes beside it.
 */
public record ErrorRate(double requests, double serverErrors) {

    public static final ErrorRate NONE = new ErrorRate(0, 0);

    public double share() {
        return requests <= 0 ? 0 : serverErrors / requests;
    }

    public ErrorRate plus(ErrorRate other) {
        return new ErrorRate(requests + other.requests, serverErrors + other.serverErrors);
    }

    /** What happened between two readings of the same counters. */
    public ErrorRate since(ErrorRate earlier) {
        return new ErrorRate(Math.max(0, requests - earlier.requests), Math.max(0, serverErrors - earlier.serverErrors));
    }

    /**
     * Whether a new node answering this way is worse than the old nodes: its share of 5xx exceeds
     * theirs by more than {@code margin}, judged only on at least {@code minRequests} requests (a few
     * unlucky answers right after start decide nothing).
     */
    public boolean worseThan(ErrorRate old, double margin, int minRequests) {
        return requests >= minRequests && share() > old.share() + margin;
    }
}
