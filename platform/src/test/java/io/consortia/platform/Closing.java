package io.consortia.platform;

/** Ends what a test class started (a browser, a platform), whichever of them started at all. */
final class Closing {
    private Closing() {}

    /** Closes each one that is not null, in order; the first failure is thrown after all were tried. */
    static void all(AutoCloseable... started) {
        RuntimeException failure = null;
        for (AutoCloseable each : started) {
            if (each == null) {
                continue;
            }
            try {
                each.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("cannot close " + each, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
