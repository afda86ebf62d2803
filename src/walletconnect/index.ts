/**
 * The WalletConnect script: AppKit and its wagmi adapter, exposed to the wallet dialog. A script
 * of its own (not a chunk of the block's view script), so that pages pay nothing for it, not even
 * a longer chunk map, until a visitor picks WalletConnect.
 */
import { connectWithWalletConnect } from '@/wallet/walletconnect';
import type { WalletConnectApi } from '@/wallet/types';

(
	window as unknown as { sovereignPressWalletConnect: WalletConnectApi }
 ).sovereignPressWalletConnect = {
	connect: connectWithWalletConnect,
};
