import Simulator
import Testing

@Suite struct VPCDFrameTests {
  @Test func framesAreBigEndianLengthPrefixed() {
    #expect(VPCDFrame.encode([0x90, 0x00]) == [0x00, 0x02, 0x90, 0x00])
    let long = [UInt8](repeating: 0xAB, count: 300)
    #expect(Array(VPCDFrame.encode(long).prefix(2)) == [0x01, 0x2C])
    #expect(VPCDFrame.payloadLength(header: [0x01, 0x2C]) == 300)
    #expect(VPCDFrame.payloadLength(header: [0xFF, 0xFF]) == 65535)
  }

  @Test func defaultPortIsVpcds() {
    #expect(VPCDFrame.defaultPort == 35963)
  }

  @Test(arguments: [
    ([UInt8(0x00)], VPCDMessage.powerOff),
    ([0x01], .powerOn),
    ([0x02], .reset),
    ([0x04], .getATR),
    ([0x03], .unknownControl(0x03)),
    ([], .empty),
    ([0x80, 0x41], .apdu([0x80, 0x41])),
    ([0x00, 0xA4, 0x04, 0x00], .apdu([0x00, 0xA4, 0x04, 0x00])),
  ])
  func payloadsClassify(payload: [UInt8], expected: VPCDMessage) {
    #expect(VPCDMessage(payload: payload) == expected)
  }
}
