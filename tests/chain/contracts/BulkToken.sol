// SPDX-License-Identifier: GPL-2.0-or-later
pragma solidity ^0.8.24;

/// @notice An ERC-20 for benchmarks that mints to, and moves between, many holders in one
/// transaction, so a local chain gets 100,000 Transfer events in seconds. Holder `i` is the
/// address of keccak256(i): spread over the address space as real holders are. Balances are real
/// (balanceOf answers what the events add up to); there is no allowance or transfer for users.
contract BulkToken {
    event Transfer(address indexed from, address indexed to, uint256 value);

    string public constant name = "Bulk";
    string public constant symbol = "BULK";
    uint8 public constant decimals = 18;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;

    function holder(uint256 i) public pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encode(i)))));
    }

    /// @notice Mints `amount` to each of holders first … first + count − 1.
    function mintRange(uint256 first, uint256 count, uint256 amount) external {
        for (uint256 i = first; i < first + count; i++) {
            address to = holder(i);
            balanceOf[to] += amount;
            emit Transfer(address(0), to, amount);
        }
        totalSupply += amount * count;
    }

    /// @notice Moves `amount` from holder i to holder (i + step) mod `holders`, for i in
    /// first … first + count − 1.
    function shiftRange(uint256 first, uint256 count, uint256 step, uint256 holders, uint256 amount) external {
        for (uint256 i = first; i < first + count; i++) {
            address from = holder(i % holders);
            address to = holder((i + step) % holders);
            balanceOf[from] -= amount;
            balanceOf[to] += amount;
            emit Transfer(from, to, amount);
        }
    }
}
