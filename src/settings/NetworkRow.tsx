import {
	Button,
	Card,
	CardBody,
	CardFooter,
	CardHeader,
	Flex,
	FlexItem,
	Notice,
	Spinner,
	TextControl,
} from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

import { toApiError, type ApiError } from '@/api/errors';
import type { Network } from '@/types/networks';

import { testConnection, type ConnectionTest } from './api';
import type { NetworkErrors } from './validate';

interface Props {
	index: number;
	network: Network;
	errors: NetworkErrors;
	showErrors: boolean;
	onChange: ( network: Network ) => void;
	onRemove: () => void;
}

type TestState =
	| { status: 'idle' }
	| { status: 'testing' }
	| { status: 'ok'; result: ConnectionTest }
	| { status: 'failed'; error: ApiError };

export function NetworkRow( {
	index,
	network,
	errors,
	showErrors,
	onChange,
	onRemove,
}: Props ) {
	const [ test, setTest ] = useState< TestState >( { status: 'idle' } );
	const update = ( changes: Partial< Network > ) => {
		setTest( { status: 'idle' } );
		onChange( { ...network, ...changes } );
	};
	const runTest = async () => {
		setTest( { status: 'testing' } );
		try {
			const result = await testConnection(
				network.rpcUrl.trim(),
				Number.isInteger( network.chainId ) && network.chainId > 0
					? network.chainId
					: undefined
			);
			setTest( { status: 'ok', result } );
		} catch ( error ) {
			setTest( { status: 'failed', error: toApiError( error ) } );
		}
	};
	const fieldError = ( field: keyof Network ) =>
		showErrors ? errors[ field ] : undefined;
	const title =
		network.name.trim() ||
		sprintf(
			/* translators: %d: position of the network in the list. */
			__( 'Network %d', 'sovereign-press' ),
			index + 1
		);

	return (
		<Card className="sovereign-press-network" size="small">
			<CardHeader>
				<h2 className="sovereign-press-network__title">{ title }</h2>
			</CardHeader>
			<CardBody>
				<div className="sovereign-press-network__fields">
					<TextControl
						__next40pxDefaultSize
						__nextHasNoMarginBottom
						label={ __( 'Chain ID', 'sovereign-press' ) }
						type="number"
						min={ 1 }
						value={
							Number.isNaN( network.chainId )
								? ''
								: String( network.chainId )
						}
						onChange={ ( value ) =>
							update( {
								chainId: value === '' ? NaN : Number( value ),
							} )
						}
						help={ fieldError( 'chainId' ) }
						className={
							fieldError( 'chainId' ) ? 'has-error' : undefined
						}
					/>
					<TextControl
						__next40pxDefaultSize
						__nextHasNoMarginBottom
						label={ __( 'Name', 'sovereign-press' ) }
						value={ network.name }
						onChange={ ( name ) => update( { name } ) }
						help={ fieldError( 'name' ) }
						className={
							fieldError( 'name' ) ? 'has-error' : undefined
						}
					/>
					<TextControl
						__next40pxDefaultSize
						__nextHasNoMarginBottom
						label={ __( 'JSON-RPC URL', 'sovereign-press' ) }
						type="url"
						value={ network.rpcUrl }
						onChange={ ( rpcUrl ) => update( { rpcUrl } ) }
						help={
							fieldError( 'rpcUrl' ) ??
							__(
								'Used by this server only. It may contain an API key: it is never sent to visitors.',
								'sovereign-press'
							)
						}
						className={
							fieldError( 'rpcUrl' ) ? 'has-error' : undefined
						}
					/>
					<TextControl
						__next40pxDefaultSize
						__nextHasNoMarginBottom
						label={ __( 'Block explorer URL', 'sovereign-press' ) }
						type="url"
						value={ network.explorerUrl }
						onChange={ ( explorerUrl ) =>
							update( { explorerUrl } )
						}
						help={
							fieldError( 'explorerUrl' ) ??
							__( 'Optional.', 'sovereign-press' )
						}
						className={
							fieldError( 'explorerUrl' )
								? 'has-error'
								: undefined
						}
					/>
				</div>
				{ test.status === 'ok' && (
					<Notice
						status="success"
						isDismissible={ false }
						className="sovereign-press-network__result"
					>
						{ sprintf(
							/* translators: 1: chain id, 2: block number, 3: milliseconds. */
							__(
								'Connected: chain ID %1$d, latest block %2$s (%3$d ms).',
								'sovereign-press'
							),
							test.result.chainId,
							test.result.blockNumber.toLocaleString(),
							test.result.latencyMs
						) }
					</Notice>
				) }
				{ test.status === 'failed' && (
					<Notice
						status="error"
						isDismissible={ false }
						className="sovereign-press-network__result"
					>
						{ test.error.message }
					</Notice>
				) }
			</CardBody>
			<CardFooter>
				<Flex justify="space-between">
					<FlexItem>
						<Button
							__next40pxDefaultSize
							variant="secondary"
							onClick={ runTest }
							isBusy={ test.status === 'testing' }
							disabled={
								test.status === 'testing' ||
								network.rpcUrl.trim() === ''
							}
						>
							{ __( 'Test connection', 'sovereign-press' ) }
						</Button>
						{ test.status === 'testing' && <Spinner /> }
					</FlexItem>
					<FlexItem>
						<Button
							variant="tertiary"
							isDestructive
							onClick={ onRemove }
						>
							{ __( 'Remove network', 'sovereign-press' ) }
						</Button>
					</FlexItem>
				</Flex>
			</CardFooter>
		</Card>
	);
}
