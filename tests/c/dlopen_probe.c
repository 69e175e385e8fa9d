/*
 * dlopen_probe.c: loads the simulator by a library name the way .NET P/Invoke
 * (DllImport("clusapi")) and other run-time loaders do, and resolves exports by their
 * unmangled Win32 names.
 *
 * Usage: dlopen_probe LIBRARY SYMBOL...
 *   LIBRARY  passed to dlopen as is: a bare name ("libclusapi.so") is searched on
 *            LD_LIBRARY_PATH, as the .NET loader's probing does.
 *   SYMBOL   each must resolve with dlsym.
 * Then calls SetLastError/GetLastError and OpenCluster(NULL)/CloseCluster through the
 * resolved pointers. Prints one line per check, then "N passed, M failed"; the exit status is
 * the number of failed checks.
 */
#include "clusapi.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

static int passed;
static int failed;

static int check(int ok, const char *what, const char *detail)
{
    printf("%s%s%s%s\n", ok ? "ok   - " : "FAIL - ", what, detail ? ": " : "", detail ? detail : "");
    if (ok) {
        passed++;
    } else {
        failed++;
    }
    return ok;
}

/* dlsym returns void *; converting it to a function pointer goes through memcpy to stay
 * within ISO C. */
static void *sym(void *lib, const char *name)
{
    dlerror();
    void *p = dlsym(lib, name);
    const char *e = dlerror();
    check(p != NULL && e == NULL, name, e);
    return p;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s LIBRARY SYMBOL...\n", argv[0]);
        return 100;
    }
    void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!check(lib != NULL, "dlopen", lib ? argv[1] : dlerror())) {
        printf("%d passed, %d failed\n", passed, failed);
        return failed;
    }
    for (int i = 2; i < argc; i++) {
        sym(lib, argv[i]);
    }

    void *p_set = sym(lib, "SetLastError");
    void *p_get = sym(lib, "GetLastError");
    void *p_open = sym(lib, "OpenCluster");
    void *p_close = sym(lib, "CloseCluster");
    if (p_set && p_get && p_open && p_close) {
        void(WINAPI * set_last_error)(DWORD);
        DWORD(WINAPI * get_last_error)(void);
        HCLUSTER(WINAPI * open_cluster)(LPCWSTR);
        BOOL(WINAPI * close_cluster)(HCLUSTER);
        memcpy(&set_last_error, &p_set, sizeof p_set);
        memcpy(&get_last_error, &p_get, sizeof p_get);
        memcpy(&open_cluster, &p_open, sizeof p_open);
        memcpy(&close_cluster, &p_close, sizeof p_close);

        set_last_error(4321);
        check(get_last_error() == 4321, "SetLastError(4321) then GetLastError() == 4321 through dlsym", NULL);
        HCLUSTER h = open_cluster(NULL);
        check(h != NULL, "OpenCluster(NULL) through dlsym", NULL);
        check(close_cluster(h) == TRUE, "CloseCluster(h) through dlsym", NULL);
    }

    dlclose(lib);
    printf("%d passed, %d failed\n", passed, failed);
    return failed > 100 ? 100 : failed;
}
