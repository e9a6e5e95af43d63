package io.consortia.platform.archfixture.local;

public class Local {
    public long pid() {
        return ProcessHandle.current().pid();
    }
}
