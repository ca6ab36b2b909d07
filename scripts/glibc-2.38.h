/*
 * glibc-2.38.h: forced into every file by scripts/compile-check (gcc
 * -include) when okrkpi is compiled against Debian 13's PostgreSQL 17 server
 * headers on a Debian 12 machine.
 *
 * Those headers were configured for Debian 13's C library, glibc 2.41, which
 * declares strlcpy() and strlcat() in <string.h> (since glibc 2.38):
 * pg_config.h says HAVE_DECL_STRLCPY 1, so port.h does not declare
 * PostgreSQL's own.  Debian 12's glibc 2.36 declares neither, and every call
 * would be an implicit declaration.  These are the declarations glibc 2.38+
 * has; they match its own, so they are harmless where it declares them too.
 * Nothing is linked: the check only compiles.
 */
#ifndef OKRKPI_GLIBC_2_38_H
#define OKRKPI_GLIBC_2_38_H

#include <stddef.h>

extern size_t strlcpy(char *__restrict dest, const char *__restrict src, size_t n);
extern size_t strlcat(char *__restrict dest, const char *__restrict src, size_t n);

#endif							/* OKRKPI_GLIBC_2_38_H */
