<?php
declare( strict_types=1 );

namespace SovereignPress\Tests\Unit\Auth;

use PHPUnit\Framework\TestCase;
use SovereignPress\Auth\ClientAddress;

/**
 * The client address rate limits count: the forwarded header is believed only from a trusted
 * proxy, read from the right, and never further left than the first hop no trusted proxy wrote.
 */
final class ClientAddressTest extends TestCase {

	private const PROXIES = array( '10.0.0.0/8', '192.0.2.1', '2001:db8:ffff::/48' );

	/**
	 * @return iterable<string, array{string, string, string}>
	 */
	public static function requests(): iterable {
		yield 'a direct client: its header is ignored' => array( '198.51.100.7', '203.0.113.9', '198.51.100.7' );
		yield 'behind one proxy' => array( '192.0.2.1', '203.0.113.9', '203.0.113.9' );
		yield 'a forged hop left of the real one' => array( '192.0.2.1', '1.2.3.4, 203.0.113.9', '203.0.113.9' );
		yield 'behind two proxies' => array( '10.1.2.3', '203.0.113.9, 10.9.9.9', '203.0.113.9' );
		yield 'a proxy in an IPv6 range' => array( '2001:db8:ffff:1::5', '203.0.113.9', '203.0.113.9' );
		yield 'a proxy without the header' => array( '192.0.2.1', '', '192.0.2.1' );
		yield 'only proxies in the header' => array( '192.0.2.1', '10.0.0.1, 10.0.0.2', '10.0.0.1' );
		yield 'garbage a proxy passed on stops the walk' => array( '192.0.2.1', '203.0.113.9, junk', '192.0.2.1' );
		yield 'ports and brackets are not part of the address' => array( '192.0.2.1', '[2001:db8::1]:443, 203.0.113.9:5000', '203.0.113.9' );
		yield 'an IPv4-mapped address is IPv4' => array( '::ffff:192.0.2.1', '203.0.113.9', '203.0.113.9' );
		yield 'no address at all' => array( '', '203.0.113.9', '' );
		yield 'a proxy address just outside a range' => array( '11.0.0.1', '203.0.113.9', '11.0.0.1' );
		yield 'RFC 7239 Forwarded: the for= of each element' => array( '192.0.2.1', 'for=1.2.3.4;proto=https, for="[2001:db8:cafe::17]:4711";by=192.0.2.1', '2001:db8:cafe::17' );
		yield 'RFC 7239 Forwarded behind two proxies' => array( '10.1.2.3', 'for=203.0.113.9, For=10.9.9.9;proto=http', '203.0.113.9' );
	}

	/**
	 * @dataProvider requests
	 */
	public function test_resolves_the_client_behind_trusted_proxies_only( string $remote, string $header, string $expected ): void {
		$this->assertSame( $expected, ClientAddress::resolve( $remote, $header, self::PROXIES ) );
	}

	public function test_trusts_no_header_when_no_proxy_is_configured(): void {
		$this->assertSame( '127.0.0.1', ClientAddress::resolve( '127.0.0.1', '203.0.113.9', array() ) );
	}

	public function test_ranges_match_on_their_prefix_bits(): void {
		$this->assertTrue( ClientAddress::in_range( '192.168.1.130', '192.168.1.128/25' ) );
		$this->assertFalse( ClientAddress::in_range( '192.168.1.127', '192.168.1.128/25' ) );
		$this->assertTrue( ClientAddress::in_range( '203.0.113.9', '0.0.0.0/0' ) );
		$this->assertFalse( ClientAddress::in_range( '2001:db8::1', '0.0.0.0/0' ), 'An IPv4 range holds no IPv6 address.' );
		$this->assertTrue( ClientAddress::in_range( '2001:db8:0:1::1', '2001:db8::/32' ) );
		$this->assertFalse( ClientAddress::in_range( '2001:db9::1', '2001:db8::/32' ) );
		// A dual-stack server shows an IPv4 proxy as ::ffff:10.0.0.5; its range written that way holds it.
		$this->assertTrue( ClientAddress::in_range( '10.1.2.3', '::ffff:10.0.0.0/104' ) );
		$this->assertFalse( ClientAddress::in_range( '11.1.2.3', '::ffff:10.0.0.0/104' ) );
		$this->assertTrue( ClientAddress::in_range( '::ffff:10.1.2.3', '::ffff:10.0.0.0/104' ) );
	}

	public function test_accepts_only_addresses_and_cidr_ranges_as_proxies(): void {
		foreach ( array( '10.0.0.0/8', '192.0.2.1', '2001:db8::/32', '::1', '0.0.0.0/0' ) as $range ) {
			$this->assertTrue( ClientAddress::is_range( $range ), $range );
		}
		foreach ( array( '', 'localhost', '10.0.0.0/33', '2001:db8::/129', '10.0.0/8', '10.0.0.1/', 'http://10.0.0.1', '10.0.0.1 ' ) as $range ) {
			$this->assertFalse( ClientAddress::is_range( $range ), $range );
		}
	}

	public function test_counts_an_ipv6_client_by_its_64_network(): void {
		$this->assertSame( '2001:db8:1:2::/64', ClientAddress::bucket( '2001:db8:1:2:aaaa:bbbb:cccc:dddd' ) );
		$this->assertSame( ClientAddress::bucket( '2001:db8:1:2::1' ), ClientAddress::bucket( '2001:db8:1:2:ffff::9' ) );
		$this->assertSame( '203.0.113.9', ClientAddress::bucket( '203.0.113.9' ) );
		$this->assertSame( 'custom-key', ClientAddress::bucket( 'custom-key' ) );
	}
}
