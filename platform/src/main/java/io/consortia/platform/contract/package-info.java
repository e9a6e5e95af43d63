/**
 * Built-in contract calls for people (数据存证, 资产转账): notarize and verify a document hash,
 * create, transfer and read assets — signed with the caller's custodial identity (a USER
 * certificate issued to them by their organisation's CA on first use). Reads of contract state
 * are also the platform admin's and auditors' ({@link io.consortia.platform.contract.ContractPolicy}).
 */
package io.consortia.platform.contract;
