/**
 * A deliberately broken structure for {@code ArchitectureTest}: {@code alpha} and {@code beta}
 * use each other, and {@code beta} (not {@code local}) touches a process. Test code only.
 */
package io.consortia.platform.archfixture;
