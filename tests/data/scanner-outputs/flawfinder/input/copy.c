#include <string.h>
#include <stdlib.h>

int copy(const char *src) {
  char buf[8];
  strcpy(buf, src);
  char *p = malloc(4);
  int *q = 0;
  return buf[8] + *q;
}
