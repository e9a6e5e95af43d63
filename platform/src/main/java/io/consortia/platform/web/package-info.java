/**
 * What every feature's console pages share, and nothing else: a leaf package that depends on
 * no feature, so that each feature's {@code *Pages} can use it while the console's frame
 * ({@code console/}: layout model, dashboard, error pages) may depend on every feature.
 */
package io.consortia.platform.web;
