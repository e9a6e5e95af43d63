package io.consortia.cli.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.TreeMap;

/**
 * The block-size histogram ({@code consortia_block_transactions}) of one node, read from its
 * Prometheus endpoint; two scrapes give the blocks made in between and their sizes. Also the
 * node's chain height and the transactions it has applied ({@code consortia_transactions_committed_total},
 * all codes).
 *
 * @param count    blocks observed (the histogram's _count)
 * @param sum      transactions in them (_sum)
 * @param buckets  cumulative count per upper bound (le)
 */
record MetricsScrape(double count, double sum, TreeMap<Double, Double> buckets, double height, double committed) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String NAME = "consortia_block_transactions";

    /** Scrapes {@code http://127.0.0.1:<port>/metrics}; null when the node does not answer. */
    static MetricsScrape of(int metricsPort, String channel) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? parse(response.body(), channel) : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static MetricsScrape parse(String text, String channel) {
        double count = 0;
        double sum = 0;
        double height = -1;
        double committed = 0;
        TreeMap<Double, Double> buckets = new TreeMap<>();
        String label = "channel=\"" + channel + "\"";
        for (String line : text.split("\n")) {
            if (line.startsWith("consortia_transactions_committed_total{") && line.contains(label)) {
                committed += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                continue;
            }
            if (line.startsWith("consortia_block_height{") && line.contains(label)) {
                height = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                continue;
            }
            if (!line.startsWith(NAME) || !line.contains(label)) {
                continue;
            }
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            if (line.startsWith(NAME + "_count")) {
                count = value;
            } else if (line.startsWith(NAME + "_sum")) {
                sum = value;
            } else if (line.startsWith(NAME + "_bucket")) {
                int le = line.indexOf("le=\"") + 4;
                String bound = line.substring(le, line.indexOf('"', le));
                buckets.put(bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound), value);
            }
        }
        return new MetricsScrape(count, sum, buckets, height, committed);
    }

    /** Blocks, mean size, median and largest size (as bucket bounds) made between {@code before} and this scrape. */
    BlockSizes since(MetricsScrape before) {
        double blocks = count - before.count;
        double txs = sum - before.sum;
        if (blocks <= 0) {
            return new BlockSizes(0, 0, 0, 0);
        }
        Double median = null;
        Double largest = null;
        for (var e : buckets.entrySet()) {
            double inBucketOrBelow = e.getValue() - before.buckets.getOrDefault(e.getKey(), 0.0);
            if (median == null && inBucketOrBelow >= blocks / 2) {
                median = e.getKey();
            }
            if (largest == null && inBucketOrBelow >= blocks) {
                largest = e.getKey();
            }
        }
        return new BlockSizes((long) blocks, txs / blocks, median == null ? -1 : median, largest == null ? -1 : largest);
    }

    /**
     * @param medianAtMost  the upper bound of the histogram bucket holding the median block
     * @param largestAtMost the upper bound of the bucket holding the largest block
     */
    record BlockSizes(long blocks, double meanTransactions, double medianAtMost, double largestAtMost) {}
}
