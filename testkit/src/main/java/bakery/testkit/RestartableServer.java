package bakery.testkit;

/** A real server a test can take away from the services and bring back on the same port and data. */
public interface RestartableServer {

    void start();

    void stop();

    boolean isRunning();
}
