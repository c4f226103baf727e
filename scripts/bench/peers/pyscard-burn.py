"""A minimal pyscard client for `make bench`: the burn's APDUs (one hex line each in the file
named by argv[1], recorded from a burn against a simulated token with a fixed challenge) sent
in order to the reader argv[2], each answer checked for 90 00. What a short Python burning
script would do; prints the same span as pcsc-floor.c in nanoseconds."""
import sys
import time

from smartcard.scard import (SCARD_LEAVE_CARD, SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1,
                             SCARD_S_SUCCESS, SCARD_SCOPE_SYSTEM, SCARD_SHARE_EXCLUSIVE,
                             SCardConnect, SCardDisconnect, SCardEstablishContext,
                             SCardListReaders, SCardReleaseContext, SCardTransmit)


def main():
    with open(sys.argv[1]) as lines:
        apdus = [list(bytes.fromhex(line)) for line in lines if line.strip()]
    start = time.monotonic_ns()
    rv, context = SCardEstablishContext(SCARD_SCOPE_SYSTEM)
    if rv != SCARD_S_SUCCESS:
        sys.exit(69)
    rv, _readers = SCardListReaders(context, [])
    rv, card, protocol = SCardConnect(context, sys.argv[2], SCARD_SHARE_EXCLUSIVE,
                                      SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1)
    if rv != SCARD_S_SUCCESS:
        sys.exit(69)
    for number, apdu in enumerate(apdus, 1):
        rv, answer = SCardTransmit(card, protocol, apdu)
        if rv != SCARD_S_SUCCESS or answer[-2:] != [0x90, 0x00]:
            print(f"APDU {number}: not 90 00", file=sys.stderr)
            sys.exit(65)
    SCardDisconnect(card, SCARD_LEAVE_CARD)
    SCardReleaseContext(context)
    print(time.monotonic_ns() - start)


main()
