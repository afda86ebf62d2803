// SPDX-License-Identifier: GPL-2.0-or-later
pragma solidity ^0.8.24;

import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice Contribution badges: id 1 = early supporter, id 2 = core contributor.
contract SocietyBadge is ERC1155, Ownable {
    uint256 public constant EARLY_SUPPORTER = 1;
    uint256 public constant CORE_CONTRIBUTOR = 2;

    constructor(address initialOwner) ERC1155("") Ownable(initialOwner) {}

    function mint(address to, uint256 id, uint256 amount) external onlyOwner {
        _mint(to, id, amount, "");
    }
}
