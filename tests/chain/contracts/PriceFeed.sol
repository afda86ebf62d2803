// SPDX-License-Identifier: GPL-2.0-or-later
pragma solidity ^0.8.24;

/// @notice A Chainlink AggregatorV3Interface-shaped price feed whose owner sets the answer, the
/// time of the answer and the decimals: the local chain's stand-in for a real feed, so tests and
/// the demo can make an answer fresh, stale, zero or negative.
contract PriceFeed {
    address public immutable owner;
    uint8 public decimals;
    string public description;
    uint256 public constant version = 4;

    uint80 private roundId;
    int256 private answer;
    uint256 private updatedAt;

    error NotOwner();
    error NoSuchRound();

    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    /// @param decimals_ Decimals of the answer (8 for Chainlink's USD feeds).
    /// @param description_ Such as "ETH / USD".
    /// @param answer_ First answer, dated now.
    constructor(uint8 decimals_, string memory description_, int256 answer_) {
        owner = msg.sender;
        decimals = decimals_;
        description = description_;
        _set(answer_, block.timestamp);
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner();
        _;
    }

    /// @notice A new round with this answer, dated `updatedAt_` (seconds; 0 = now).
    function setAnswer(int256 answer_, uint256 updatedAt_) external onlyOwner {
        _set(answer_, updatedAt_ == 0 ? block.timestamp : updatedAt_);
    }

    function setDecimals(uint8 decimals_) external onlyOwner {
        decimals = decimals_;
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return (roundId, answer, updatedAt, updatedAt, roundId);
    }

    /// @notice Only the latest round is kept.
    function getRoundData(uint80 id) external view returns (uint80, int256, uint256, uint256, uint80) {
        if (id != roundId) revert NoSuchRound();
        return (roundId, answer, updatedAt, updatedAt, roundId);
    }

    function latestAnswer() external view returns (int256) {
        return answer;
    }

    function _set(int256 answer_, uint256 updatedAt_) private {
        roundId += 1;
        answer = answer_;
        updatedAt = updatedAt_;
        emit AnswerUpdated(answer_, roundId, updatedAt_);
    }
}
