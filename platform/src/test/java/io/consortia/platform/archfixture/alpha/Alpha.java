package io.consortia.platform.archfixture.alpha;

import io.consortia.platform.archfixture.beta.Beta;

public class Alpha {
    public long work(Beta beta) {
        return beta.pid() + 1;
    }
}
