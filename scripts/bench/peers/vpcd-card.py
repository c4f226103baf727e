"""A bare virtual card for the second vpcd slot in `make bench`: answers the ATR request and
every APDU with 90 00, nothing else. With `--quick-ack` it re-arms Linux TCP_QUICKACK after
every read as the simulator does; without it, it behaves as the simulator did before, so the
bench shows the per-APDU round trip with and without the delayed ACK in the same run.
Usage: vpcd-card.py PORT [--quick-ack]  (runs until killed)"""
import socket
import sys

ATR = bytes.fromhex("3B8080010101")  # a minimal contactless ATR


def read_exactly(connection, count, quick_ack):
    data = b""
    while len(data) < count:
        chunk = connection.recv(count - len(data))
        if not chunk:
            sys.exit(0)
        if quick_ack:
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        data += chunk
    return data


def main():
    port, quick_ack = int(sys.argv[1]), "--quick-ack" in sys.argv[2:]
    connection = socket.create_connection(("127.0.0.1", port))
    connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    while True:
        length = int.from_bytes(read_exactly(connection, 2, quick_ack), "big")
        payload = read_exactly(connection, length, quick_ack) if length else b""
        if payload == b"\x04":
            answer = ATR
        elif len(payload) > 1:
            answer = b"\x90\x00"
        else:
            continue  # power on, power off, reset: no answer
        connection.sendall(len(answer).to_bytes(2, "big") + answer)


main()
