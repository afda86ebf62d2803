// SPDX-License-Identifier: GPL-2.0-or-later
pragma solidity ^0.8.24;

/// @notice The slice of the ENS registry that name resolution reads, for the local chain. Its
/// runtime code is placed at ENS's canonical registry address; anyone may set a resolver here.
contract TestEnsRegistry {
    mapping(bytes32 => address) private resolvers;

    function setResolver(bytes32 node, address resolver_) external {
        resolvers[node] = resolver_;
    }

    function resolver(bytes32 node) external view returns (address) {
        return resolvers[node];
    }
}

/// @notice A public resolver's read side (name, addr, text) with open setters, for tests and the demo.
contract TestEnsResolver {
    mapping(bytes32 => string) private names;
    mapping(bytes32 => address) private addrs;
    mapping(bytes32 => mapping(string => string)) private texts;

    function setName(bytes32 node, string calldata value) external {
        names[node] = value;
    }

    function setAddr(bytes32 node, address value) external {
        addrs[node] = value;
    }

    function setText(bytes32 node, string calldata key, string calldata value) external {
        texts[node][key] = value;
    }

    function name(bytes32 node) external view returns (string memory) {
        return names[node];
    }

    function addr(bytes32 node) external view returns (address) {
        return addrs[node];
    }

    function text(bytes32 node, string calldata key) external view returns (string memory) {
        return texts[node][key];
    }
}
