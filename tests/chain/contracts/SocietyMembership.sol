// SPDX-License-Identifier: GPL-2.0-or-later
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice The demo society's citizenship: one ERC-721 per member.
contract SocietyMembership is ERC721, Ownable {
    /// @notice How many tokens mint() has handed out (their ids are 1, 2, 3…).
    uint256 public totalSupply;

    constructor(address initialOwner) ERC721("Citizen", "CITIZEN") Ownable(initialOwner) {}

    function mint(address to) external onlyOwner returns (uint256 tokenId) {
        tokenId = ++totalSupply;
        _safeMint(to, tokenId);
    }

    /// @notice Mints a chosen id, as collections that derive ids from names do (ENS: a
    /// labelhash, 77 or 78 digits), so tests can gate on ids far beyond 64 bits.
    function mintId(address to, uint256 tokenId) external onlyOwner {
        _safeMint(to, tokenId);
    }
}
