// SPDX-License-Identifier: MIT
// Tokens for the census tests: anyone may mint, holders may burn. Never deploy outside tests.
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Burnable} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721Burnable.sol";
import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {ERC1155Burnable} from "@openzeppelin/contracts/token/ERC1155/extensions/ERC1155Burnable.sol";

contract CensusTestToken is ERC20, ERC20Burnable {
    constructor() ERC20("Census Test", "CTEST") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}

contract CensusTestNft is ERC721, ERC721Burnable {
    constructor() ERC721("Census Test NFT", "CNFT") {}

    function mint(address to, uint256 tokenId) external {
        _mint(to, tokenId);
    }
}

contract CensusTestBadge is ERC1155, ERC1155Burnable {
    constructor() ERC1155("") {}

    function mintBatch(address to, uint256[] calldata ids, uint256[] calldata amounts) external {
        _mintBatch(to, ids, amounts, "");
    }
}
