package io.consortia.common.archive;

import java.io.IOException;

/** The entry names archives may hold: relative, forward slashes, no "." or ".." segments. */
final class TarNames {
    private TarNames() {}

    static void check(String name) throws IOException {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("\0")) {
            throw new IOException("unsafe archive entry name: " + printable(name));
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IOException("unsafe archive entry name: " + printable(name));
            }
        }
    }

    static String printable(String name) {
        String s = name.length() > 120 ? name.substring(0, 120) + "..." : name;
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
