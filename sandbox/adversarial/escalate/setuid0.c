/* setuid-root helper for the "escalate" adversarial image: tries setuid(0) and reports. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    printf("setuid0: before ruid=%d euid=%d\n", (int)getuid(), (int)geteuid());
    int rc = setuid(0);
    int err = errno;
    printf("setuid0: setuid(0)=%d%s%s ruid=%d euid=%d\n", rc, rc ? " errno=" : "",
           rc ? strerror(err) : "", (int)getuid(), (int)geteuid());
    return (rc == 0 && geteuid() == 0) ? 0 : 1;
}
