// SPDX-License-Identifier: GPL-2.0-or-later
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice The demo society's citizenship: one ERC-721 per member.
contract SocietyMembership is ERC721, Ownable {
    uint256 public totalSupply;

    constructor(address initialOwner) ERC721("Citizen", "CITIZEN") Ownable(initialOwner) {}

    function mint(address to) external onlyOwner returns (uint256 tokenId) {
        tokenId = ++totalSupply;
        _safeMint(to, tokenId);
    }
}
