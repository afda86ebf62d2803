// SPDX-License-Identifier: GPL-2.0-or-later
pragma solidity ^0.8.24;

import {ContractWallet} from "./ContractWallet.sol";

/// @notice Deploys ContractWallets with CREATE2, so an account has an address (and can sign,
/// ERC-6492 style) before it exists on chain.
contract AccountFactory {
    function deploy(address owner, bytes32 salt) external returns (address) {
        return address(new ContractWallet{salt: salt}(owner));
    }

    function predict(address owner, bytes32 salt) external view returns (address) {
        bytes32 initCodeHash = keccak256(abi.encodePacked(type(ContractWallet).creationCode, abi.encode(owner)));
        return address(uint160(uint256(keccak256(abi.encodePacked(bytes1(0xff), address(this), salt, initCodeHash)))));
    }
}
