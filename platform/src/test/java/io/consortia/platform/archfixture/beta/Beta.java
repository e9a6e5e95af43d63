package io.consortia.platform.archfixture.beta;

import io.consortia.platform.archfixture.alpha.Alpha;

public class Beta {
    public long pid() {
        return ProcessHandle.current().pid();
    }

    public long back(Alpha alpha) {
        return alpha.work(this);
    }
}
