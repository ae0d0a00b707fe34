package bakery.servers;

/**
 * A real server in this JVM's care that a test can take away from the services and bring back on
 * the same port and data. {@code S} is what runs while it is up.
 */
public abstract class RestartableServer<S> implements AutoCloseable {

    private S running;

    /** Starts the server and returns once it serves. */
    protected abstract S launch();

    /** Stops what {@link #launch} started. */
    protected abstract void halt(S server) throws Exception;

    public final synchronized void start() {
        if (running == null) {
            running = launch();
        }
    }

    public final synchronized void stop() {
        if (running == null) {
            return;
        }
        try {
            halt(running);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not stop " + getClass().getSimpleName(), e);
        } finally {
            running = null;
        }
    }

    public final synchronized boolean isRunning() {
        return running != null;
    }

    /** What runs now, or null while the server is down. */
    protected final synchronized S running() {
        return running;
    }

    @Override
    public void close() {
        stop();
    }
}
