// SPDX-License-Identifier: GPL-2.0-or-later
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice A price feed shaped like Chainlink's AggregatorV3Interface, whose owner sets the answer
/// and its time: the demo treasury's USD prices, and stale or negative answers in tests.
contract PriceFeed is Ownable {
    uint8 public immutable decimals;
    string public description;
    uint256 public constant version = 4;

    uint80 private _roundId;
    int256 private _answer;
    uint256 private _updatedAt;

    constructor(address initialOwner, uint8 decimals_, string memory description_, int256 answer)
        Ownable(initialOwner)
    {
        decimals = decimals_;
        description = description_;
        _set(answer, block.timestamp);
    }

    /// @notice A new round with this answer, updated at `updatedAt` (0: now).
    function setAnswer(int256 answer, uint256 updatedAt) external onlyOwner {
        _set(answer, updatedAt == 0 ? block.timestamp : updatedAt);
    }

    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        return (_roundId, _answer, _updatedAt, _updatedAt, _roundId);
    }

    function latestAnswer() external view returns (int256) {
        return _answer;
    }

    function _set(int256 answer, uint256 updatedAt) private {
        _roundId++;
        _answer = answer;
        _updatedAt = updatedAt;
    }
}
