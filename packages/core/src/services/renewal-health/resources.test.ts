import { describe, expect, it } from 'vitest'
import { groupResources, usageSentence } from './resources.js'

const LB1 = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/1'
const LB2 = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/api/2'
const CF = 'arn:aws:cloudfront::111122223333:distribution/E1'
const API = 'arn:aws:apigateway:us-east-1::/domainnames/api.example.com'

describe('groupResources', () => {
  it('groups by service, biggest group first', () => {
    expect(groupResources([CF, LB1, API, LB2]).map((g) => [g.service, g.arns.length])).toEqual([
      ['elasticloadbalancing', 2],
      ['apigateway', 1],
      ['cloudfront', 1],
    ])
  })

  it('names a service it does not know by the ARN', () => {
    expect(groupResources(['arn:aws:newthing:us-east-1:1:x/y'])[0]).toMatchObject({
      service: 'newthing',
      noun: 'newthing resource',
    })
    expect(groupResources(['not an arn'])[0].service).toBe('other')
  })
})

describe('usageSentence', () => {
  it('says what uses it in plain words', () => {
    expect(usageSentence([LB1, CF, LB2])).toBe('2 load balancers and 1 CloudFront distribution use it')
    expect(usageSentence([LB1])).toBe('1 load balancer uses it')
    expect(usageSentence([LB1, CF, API])).toBe(
      '1 API Gateway domain, 1 CloudFront distribution and 1 load balancer use it',
    )
    expect(usageSentence([])).toBe('nothing uses it')
  })
})
