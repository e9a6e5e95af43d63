/** Backup archives: gzip-compressed ustar files, written and read without extra dependencies. */
package io.consortia.common.archive;
