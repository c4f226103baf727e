/* The raw PC/SC floor of a burn for `make bench`: the same span as tokenburner's in-process
 * burn time (context, reader, exclusive connect, the APDUs, disconnect leaving the card),
 * straight against libpcsclite with nothing else. Reads one APDU per line (hex, spaces
 * allowed) from the file named by argv[1], sends them in order to argv[2], and fails unless
 * every answer ends in 90 00. Prints the span and the time inside SCardTransmit, in
 * nanoseconds. Compiled at bench time:
 *   gcc -O2 -o pcsc-floor pcsc-floor.c $(pkg-config --cflags --libs libpcsclite)        */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <winscard.h>

static long long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int hex_line(const char *line, BYTE *out, DWORD cap) {
  DWORD n = 0;
  unsigned value;
  int used;
  while (sscanf(line, " %2x%n", &value, &used) == 1 && n < cap) {
    out[n++] = (BYTE)value;
    line += used;
  }
  return (int)n;
}

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: pcsc-floor APDU-FILE READER\n"); return 64; }
  FILE *file = fopen(argv[1], "r");
  if (!file) { perror(argv[1]); return 66; }
  BYTE apdus[16][300];
  int lengths[16], count = 0;
  char line[1024];
  while (count < 16 && fgets(line, sizeof line, file)) {
    int n = hex_line(line, apdus[count], sizeof apdus[count]);
    if (n > 0) lengths[count++] = n;
  }
  fclose(file);

  long long start = now_ns();
  SCARDCONTEXT context;
  SCARDHANDLE card;
  DWORD protocol;
  LONG rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &context);
  if (rv != SCARD_S_SUCCESS) { fprintf(stderr, "context: %s\n", pcsc_stringify_error(rv)); return 69; }
  char readers[4096];
  DWORD size = sizeof readers;
  rv = SCardListReaders(context, NULL, readers, &size);
  if (rv != SCARD_S_SUCCESS) { fprintf(stderr, "readers: %s\n", pcsc_stringify_error(rv)); return 69; }
  rv = SCardConnect(context, argv[2], SCARD_SHARE_EXCLUSIVE, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1,
                    &card, &protocol);
  if (rv != SCARD_S_SUCCESS) { fprintf(stderr, "connect: %s\n", pcsc_stringify_error(rv)); return 69; }
  const SCARD_IO_REQUEST *pci = protocol == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
  long long transmit_start = now_ns();
  for (int i = 0; i < count; i++) {
    BYTE answer[300];
    DWORD got = sizeof answer;
    rv = SCardTransmit(card, pci, apdus[i], (DWORD)lengths[i], NULL, answer, &got);
    if (rv != SCARD_S_SUCCESS || got < 2 || answer[got - 2] != 0x90 || answer[got - 1] != 0x00) {
      fprintf(stderr, "APDU %d: %s\n", i + 1, rv == SCARD_S_SUCCESS ? "not 90 00" : pcsc_stringify_error(rv));
      return 65;
    }
  }
  long long transmit_ns = now_ns() - transmit_start;
  SCardDisconnect(card, SCARD_LEAVE_CARD);
  SCardReleaseContext(context);
  printf("%lld %lld\n", now_ns() - start, transmit_ns);
  return 0;
}
